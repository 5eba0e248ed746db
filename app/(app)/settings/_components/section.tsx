import { card, muted } from './form-ui';

/** A settings section's card: its h2 (id for links and aria), an intro line, the content. */
export function Section(props: { id: string; title: string; intro?: string; children: React.ReactNode }) {
  return (
    <section aria-labelledby={props.id} className={`${card} space-y-3`}>
      <div>
        <h2 id={props.id} className="text-lg font-semibold text-gray-900 dark:text-gray-50">
          {props.title}
        </h2>
        {props.intro ? <p className={muted}>{props.intro}</p> : null}
      </div>
      {props.children}
    </section>
  );
}

import { html } from "../html.js";

export interface NavLinkProps {
  readonly label: string;
  readonly current: boolean;
  readonly onGo: () => void;
}

/** A button styled as a link that changes the view without a reload. */
export function NavLink({ label, current, onGo }: NavLinkProps) {
  return html`
    <button
      type="button"
      class=${current ? "nav-link current" : "nav-link"}
      aria-current=${current ? "page" : undefined}
      onClick=${onGo}
    >
      ${label}
    </button>
  `;
}

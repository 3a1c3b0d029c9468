// Source text for the tools that run a walk inside a page (world-walk.mjs, gc-probe.mjs): the
// live index's step to the element after a subtree, as a `const after` declaration to splice into
// the injected script.

/** `after(el, tree)`: the element after `el`'s subtree in `tree`, in tree order; null at its end. */
export const AFTER_SOURCE = `const after = (el, tree) => {
    for (let x = el; ; ) {
      const next = x.nextElementSibling;
      if (next) return next;
      const up = x.parentNode;
      if (!up || up === tree) return null;
      x = up;
    }
  };`;

// What every view does around its query: data-state (loading, done, error: the browser tests wait on
// it), the error banner cleared on success and filled on failure, and its form's submit.
export async function runInView(section, context, task) {
  section.dataset.state = 'loading';
  try {
    await task();
    context.clearError();
    section.dataset.state = 'done';
  } catch (error) {
    section.dataset.state = 'error';
    context.showError(error);
  }
}

export function onSubmit(form, run) {
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    run();
  });
}

// A query request over the window and the picked service (docs/server.md); members that are empty,
// false or absent are left out, so that the server's defaults apply.
export function queryRequest(context, fields, explain) {
  const body = { ...context.window() };
  if (context.service()) body.service = context.service();
  for (const [name, value] of Object.entries(fields))
    if (value !== '' && value !== false && value !== undefined) body[name] = value;
  if (explain) body.explain = true;
  return body;
}

import type { LocalSigniContract } from './signi-local-store';

/** The local Signi's two pages: every document, and one document with the signer's choices. */

export function contractsPage(contracts: readonly LocalSigniContract[]): string {
  const rows = contracts
    .map(
      (c) => `<tr><td><a href="/contracts/${c.id}">${c.id}</a></td><td>${escapeHtml(c.number)}</td>
<td>${escapeHtml(c.name)}</td><td>${escapeHtml(c.state)}</td><td>${escapeHtml(c.createdAt.toISOString())}</td></tr>`,
    )
    .join('\n');
  const table = contracts.length
    ? `<table><tr><th>Id</th><th>Number</th><th>Name</th><th>State</th><th>Sent</th></tr>\n${rows}</table>`
    : '<p>No documents yet. Send a contract for signing and it appears here.</p>';
  return page('Local Signi', `<h1>Local Signi</h1>${table}`);
}

export function contractPage(contract: LocalSigniContract): string {
  const people = contract.people
    .map(
      (p) => `<li>${escapeHtml([p.firstName, p.lastName].filter(Boolean).join(' ') || p.email)}
&lt;${escapeHtml(p.email)}&gt; — ${escapeHtml(p.role)}${p.isProposer ? ' (proposer)' : ''}${
        p.partyOrder === undefined ? '' : `, party ${p.partyOrder}`
      }</li>`,
    )
    .join('\n');
  const webhooks = contract.webhooks
    .map((w) => `<li>${escapeHtml(w.state)}: <code>${escapeHtml(w.url || '(none)')}</code></li>`)
    .join('\n');
  const choices =
    contract.state === 'pending'
      ? `<form method="post" action="/contracts/${contract.id}/decision">
<button name="result" value="completed">Sign</button>
<button name="result" value="rejected">Reject</button>
<button name="result" value="expired">Let expire</button></form>`
      : `<p>Decided ${escapeHtml(contract.decidedAt?.toISOString() ?? '')}.</p>`;
  const callback = contract.callback
    ? `<h2>Callback</h2><p>POST <code>${escapeHtml(contract.callback.url)}</code> → ${escapeHtml(
        contract.callback.status === undefined
          ? `failed: ${contract.callback.error ?? ''}`
          : String(contract.callback.status),
      )}</p><pre>${escapeHtml(JSON.stringify(contract.callback.body, null, 2))}</pre>`
    : '';
  return page(
    `${contract.number} — Local Signi`,
    `<p><a href="/">All documents</a></p>
<h1>${escapeHtml(contract.name)}</h1>
<p>Id ${contract.id}, number ${escapeHtml(contract.number)}, locale ${escapeHtml(contract.locale)},
signing order ${escapeHtml(contract.signingOrder)}, state <strong>${escapeHtml(contract.state)}</strong>.</p>
<p><a href="/contracts/${contract.id}/document">${escapeHtml(contract.document.fileName)}</a></p>
<h2>People</h2><ul>${people}</ul>
<h2>Webhooks</h2><ul>${webhooks}</ul>
${choices}
${callback}`,
  );
}

export function messagePage(title: string, message: string): string {
  return page(
    title,
    `<p><a href="/">All documents</a></p><h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p>`,
  );
}

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem;max-width:60rem}td,th{padding:.2rem .6rem;text-align:left}
button{margin-right:.5rem;padding:.4rem 1rem}pre{background:#f4f4f4;padding:.5rem}</style>
</head><body>${body}</body></html>`;
}

function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

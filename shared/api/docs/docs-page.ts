/** Where the page loads what it needs; every path is a route of the docs function. */
export const docsPaths = {
  page: '/docs',
  stylesheet: '/docs/swagger-ui.css',
  script: '/docs/swagger-ui-bundle.js',
  setup: '/docs/docs.js',
  document: '/openapi.json',
} as const;

/**
 * The API reference: Swagger UI on the OpenAPI document, every file served
 * by this API itself (nothing fetched from elsewhere, so it works offline on
 * a laptop), no inline script.
 */
export const docsPage = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Gridline API</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${docsPaths.stylesheet}">
</head>
<body>
<noscript><p>The reference needs JavaScript; the document itself is <a href="${docsPaths.document}">${docsPaths.document}</a>.</p></noscript>
<div id="swagger-ui"></div>
<script src="${docsPaths.script}"></script>
<script src="${docsPaths.setup}"></script>
</body>
</html>
`;

/**
 * Swagger UI's settings: the document, try-it with the bearer token kept
 * across reloads (Authorize), request durations, a filter by tag, and no
 * badge from the online validator (nothing is fetched from elsewhere).
 */
export const docsSetup = `window.addEventListener('load', function () {
  window.ui = SwaggerUIBundle({
    url: '${docsPaths.document}',
    dom_id: '#swagger-ui',
    deepLinking: true,
    persistAuthorization: true,
    displayRequestDuration: true,
    filter: true,
    docExpansion: 'none',
    defaultModelsExpandDepth: 1,
    defaultModelExpandDepth: 3,
    validatorUrl: null,
  });
});
`;

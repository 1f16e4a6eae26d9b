// The API's own contract (GET /openapi.yaml) rendered by Swagger UI from its WebJar. "Authorize" takes a bearer token
// for "Try it out"; the token stays in this page's memory.
window.SwaggerUIBundle({
  url: '/openapi.yaml',
  dom_id: '#reference',
  deepLinking: true,
  tryItOutEnabled: false,
  validatorUrl: null,
});

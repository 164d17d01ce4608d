// The OpenAPI 3.1 document, generated from the registry that every route registered itself in.
import { OpenApiGeneratorV31, type OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';

export function openApiDocument(registry: OpenAPIRegistry) {
  registry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'Weave API',
      version: '1.0.0',
      description: 'Citizen participation for Chinese cities. Errors are RFC 9457 problem+json; see docs/api.md.',
    },
    servers: [{ url: '/' }],
  });
}

using Galaxy.Api.Toolkit.Documents;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;

namespace Galaxy.Api.Toolkit.Documents
{
    /// <summary>
    /// The document the mapped API serves: the compile-time document after every <see cref="Hosting.IGalaxyApiDocumentTransform"/>;
    /// read by the Microsoft.AspNetCore.OpenApi transformer and the migration package.
    /// </summary>
    internal sealed class CompileTimeDocument
    {
        private OpenApiDocument? _parsed;

        /// <summary>The served document, UTF-8 JSON.</summary>
        public ReadOnlyMemory<byte> Utf8 { get; private set; }

        /// <summary>The strong ETag of <see cref="Utf8"/>, quotes included.</summary>
        public string ETag { get; private set; } = string.Empty;

        /// <summary>The definition of the mapped API; null until <c>MapGalaxyApi</c> runs.</summary>
        public Hosting.GalaxyApiDefinition? Definition { get; private set; }

        /// <summary>Applies the transforms to the definition's document and keeps the result.</summary>
        public void Set(Hosting.GalaxyApiDefinition definition, IEnumerable<Hosting.IGalaxyApiDocumentTransform> transforms)
        {
            var document = definition.Document;
            var etag = definition.DocumentETag;
            foreach (var transform in transforms)
            {
                var next = transform.Transform(document, definition);
                if (!next.Span.SequenceEqual(document.Span))
                {
                    document = next;
                    etag = "\"" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(document.Span)[..16]) + "\"";
                }
            }

            Definition = definition;
            Utf8 = document;
            ETag = etag;
            _parsed = null;
        }

        /// <summary>The document parsed once; a fresh copy is not needed because merged parts are only read.</summary>
        public OpenApiDocument? Parsed
        {
            get
            {
                if (_parsed is null && !Utf8.IsEmpty)
                {
                    using var stream = new MemoryStream(Utf8.ToArray(), writable: false);
                    _parsed = OpenApiDocument.Load(stream, "json").Document;
                }

                return _parsed;
            }
        }
    }

    /// <summary>
    /// Replaces what Microsoft.AspNetCore.OpenApi derives from endpoint metadata for the generated operations with the
    /// compile-time document's paths, components, tags and security schemes, so that <c>MapOpenApi()</c> describes the
    /// generated API exactly as <c>/api/openapi.json</c> does; the host's other endpoints stay as they are.
    /// </summary>
    internal sealed class GalaxyApiDocumentTransformer : IOpenApiDocumentTransformer
    {
        public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
        {
            var source = context.ApplicationServices.GetService<CompileTimeDocument>()?.Parsed;
            if (source is null)
            {
                return Task.CompletedTask;
            }

            document.Paths ??= [];
            foreach (var (path, item) in source.Paths)
            {
                document.Paths[path] = item;
            }

            document.Components ??= new OpenApiComponents();
            Merge(source.Components?.Schemas, document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>());
            Merge(source.Components?.Responses, document.Components.Responses ??= new Dictionary<string, IOpenApiResponse>());
            Merge(source.Components?.SecuritySchemes, document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>());
            if (source.Tags is { Count: > 0 } tags)
            {
                document.Tags ??= new HashSet<OpenApiTag>();
                foreach (var tag in tags)
                {
                    if (document.Tags.FirstOrDefault(t => t.Name == tag.Name) is { } existing)
                    {
                        document.Tags.Remove(existing);
                    }

                    document.Tags.Add(tag);
                }
            }

            document.Workspace ??= new OpenApiWorkspace();
            document.Workspace.RegisterComponents(document);
            return Task.CompletedTask;
        }

        private static void Merge<T>(IDictionary<string, T>? from, IDictionary<string, T> into)
        {
            foreach (var (name, value) in from ?? new Dictionary<string, T>())
            {
                into[name] = value;
            }
        }
    }
}

namespace Microsoft.AspNetCore.OpenApi
{
    /// <summary>Merges the compile-time Galaxy API document into Microsoft.AspNetCore.OpenApi's documents.</summary>
    public static class GalaxyApiOpenApiOptionsExtensions
    {
        /// <summary>
        /// Makes <c>MapOpenApi()</c> describe the generated operations with the compile-time document (same paths,
        /// parameters, schemas, tags and security): <c>builder.Services.AddOpenApi(o => o.AddGalaxyApiDocument())</c>.
        /// </summary>
        /// <param name="options">The document's options.</param>
        public static OpenApiOptions AddGalaxyApiDocument(this OpenApiOptions options)
        {
            ArgumentNullException.ThrowIfNull(options);
            return options.AddDocumentTransformer<GalaxyApiDocumentTransformer>();
        }
    }
}

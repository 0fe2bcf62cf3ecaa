using Blux.SharedKernel.Api;
using Blux.SharedKernel.Errors;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Blux.Host.OpenApi;

/// <summary>
/// The document as a whole: title, version, the bearer scheme, the tags, and one server, the origin the
/// document was asked from, without the trailing slash (client generators join it with the paths, which
/// begin with one).
/// </summary>
internal sealed class ContractDocumentTransformer(IHttpContextAccessor http) : IOpenApiDocumentTransformer
{
    public const string BearerScheme = "Bearer";

    public const string BasicScheme = "ClientSecretBasic";

    private static readonly (string Name, string Description)[] Tags =
    [
        ("Lite", "Tasks: submit, follow, approve, cancel; routes and CSV datasets."),
        ("Ca", "Reflection: the explainable risk note a task request would get."),
        ("Guard", "Doctrine, dry-run validation and the signed, hash-chained audit log."),
        ("Reg", "Identities, client credentials, tokens and signing keys."),
        ("Host", "Health, readiness, status and metrics."),
    ];

    public async Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info.Title = "Blux";
        document.Info.Version = Health.StatusEndpoints.Version;
        document.Info.Description =
            "Governed task gateway: Lite, Ca, Guard and Reg behind one API. Errors always answer the envelope "
            + "{\"error\":{\"code\",\"message\",\"details\",\"audit_id\",\"timestamp\"}}. JSON members are snake_case; "
            + "timestamps are RFC 3339 UTC.";
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "An ES512 access token from POST /v1/tokens (client credentials).",
        };
        document.Components.SecuritySchemes[BasicScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "basic",
            Description = "client_secret_basic at the token endpoint: the client's id and secret, each form-url-encoded, as HTTP Basic.",
        };
        document.Tags = new HashSet<OpenApiTag>(Tags.Select(t => new OpenApiTag { Name = t.Name, Description = t.Description }));
        document.Servers = [new OpenApiServer { Url = Origin(http.HttpContext?.Request) }];

        // Every 4xx and 5xx of every operation refers to the envelope (ContractOperationTransformer).
        document.AddComponent(nameof(ErrorEnvelope), await context.GetOrCreateSchemaAsync(typeof(ErrorEnvelope), null, cancellationToken));
        foreach (var (name, schema) in document.Components.Schemas ?? new Dictionary<string, IOpenApiSchema>())
        {
            if (schema is OpenApiSchema { Properties: { } properties })
            {
                NotNullInRequests(name, properties);
                foreach (var (property, value) in properties.ToArray())
                {
                    properties[property] = WithoutLoneAllOf(value);
                }
            }
        }
    }

    /// <summary>
    /// Null is not a value of a request member (<see cref="RequestSchemaAttribute"/>): leaving a member
    /// out is how a client says "none". The generator adds null to every nullable member after the
    /// schema transformers have run, so it is taken out here.
    /// </summary>
    private static void NotNullInRequests(string component, IDictionary<string, IOpenApiSchema> properties)
    {
        if (!RequestSchemas.Value.Contains(component))
        {
            return;
        }

        foreach (var (name, property) in properties.ToArray())
        {
            if (property is not OpenApiSchema schema)
            {
                continue;
            }

            if (schema.Type is { } type && type.HasFlag(JsonSchemaType.Null) && type != JsonSchemaType.Null)
            {
                schema.Type = type & ~JsonSchemaType.Null;
            }

            // Common generators (openapi-typescript by default) make a member with a default required;
            // in a request that is the opposite of what a default means, so the default is told in words.
            if (schema.Default is { } value)
            {
                schema.Description = $"{schema.Description} Default: {value.ToJsonString()}.".TrimStart();
                schema.Default = null;
            }

            if (schema.OneOf?.Where(a => a.Type != JsonSchemaType.Null).ToArray() is [var only] && schema.OneOf.Count == 2)
            {
                properties[name] = only;
            }
        }
    }

    /// <summary>
    /// A member described as another type (<see cref="SchemaAsAttribute"/>) comes out as <c>allOf</c> of that
    /// one type; the type itself says the same, more plainly, to linters and client generators.
    /// </summary>
    private static IOpenApiSchema WithoutLoneAllOf(IOpenApiSchema schema)
    {
        if (schema is OpenApiSchema { AllOf: [var only], Type: null, Properties: null or { Count: 0 }, OneOf: null } wrapper)
        {
            switch (only)
            {
                case OpenApiSchema inline:
                    inline.Description ??= wrapper.Description;
                    return inline;
                case OpenApiSchemaReference reference:
                    reference.Description ??= wrapper.Description;
                    return reference;
            }
        }

        if (schema is OpenApiSchema { OneOf: { } alternatives })
        {
            for (var i = 0; i < alternatives.Count; i++)
            {
                alternatives[i] = WithoutLoneAllOf(alternatives[i]);
            }
        }

        return schema;
    }

    /// <summary>The component names of the request body types: their type names, as the generator names components.</summary>
    private static readonly Lazy<HashSet<string>> RequestSchemas = new(() => AppDomain.CurrentDomain.GetAssemblies()
        .Where(a => a.GetName().Name?.StartsWith("Blux.", StringComparison.Ordinal) == true)
        .SelectMany(a => a.GetTypes())
        .Where(t => t.IsDefined(typeof(RequestSchemaAttribute), false))
        .Select(t => t.Name)
        .ToHashSet(StringComparer.Ordinal));

    /// <summary>Where the document was asked from; the default listener when it is written outside a request.</summary>
    internal static string Origin(HttpRequest? request) =>
        request is null ? BluxListen.Default : $"{request.Scheme}://{request.Host}{request.PathBase}".TrimEnd('/');
}

using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Blux.Host.OpenApi;

/// <summary>Declares the bearer scheme and marks every operation that needs a token.</summary>
internal sealed class BearerSecurityTransformer : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info.Title = "Blux";
        document.Info.Description = "Governed task gateway: Lite, Ca, Guard and Reg behind one API.";
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes["Bearer"] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "An ES512 access token from POST /v1/tokens.",
        };

        var anonymous = context.DescriptionGroups
            .SelectMany(g => g.Items)
            .Where(d => d.ActionDescriptor.EndpointMetadata.OfType<Microsoft.AspNetCore.Authorization.IAllowAnonymous>().Any())
            .Select(d => (Path: "/" + d.RelativePath?.TrimEnd('/'), Method: d.HttpMethod))
            .ToHashSet();
        foreach (var (path, item) in document.Paths)
        {
            foreach (var (method, operation) in item.Operations ?? [])
            {
                if (anonymous.Contains((path, method.ToString().ToUpperInvariant())))
                {
                    continue;
                }

                operation.Security ??= [];
                operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("Bearer", document)] = [] });
            }
        }

        return Task.CompletedTask;
    }
}

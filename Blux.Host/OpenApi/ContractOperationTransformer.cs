using System.Text.Json.Nodes;
using Blux.SharedKernel.Api;
using Blux.SharedKernel.Errors;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Blux.Host.OpenApi;

/// <summary>
/// Completes each operation from its endpoint's metadata: the parameters it reads itself
/// (<see cref="ApiParameter"/>), its examples (<see cref="ApiExample"/>), its security (none on an
/// anonymous endpoint, stated as <c>security: []</c>; none or HTTP Basic where
/// <see cref="ApiBasicAuthentication"/> says so), and the error envelope on every 4xx and 5xx it can
/// answer.
/// </summary>
internal sealed class ContractOperationTransformer : IOpenApiOperationTransformer
{
    private const string Json = "application/json";

    private static readonly Dictionary<int, string> ErrorDescriptions = new()
    {
        [400] = $"{ErrorCodes.ValidationFailed}: the request is malformed or breaks a rule; details names the field and the issue.",
        [401] = $"{ErrorCodes.Unauthorized}: no valid bearer token (missing, expired, revoked key, disabled identity).",
        [403] = $"{ErrorCodes.Forbidden}: the token lacks the scope, or a signature or the doctrine refuses the request; audited (audit_id aud_err_…).",
        [404] = $"{ErrorCodes.NotFound}: no such resource, or one the caller may not see.",
        [409] = $"{ErrorCodes.Conflict}: the request contradicts the resource's current state.",
        [413] = $"{ErrorCodes.PayloadTooLarge}: the body is over the limit (Blux:MaxRequestBodyBytes, default 1 MiB).",
        [415] = $"{ErrorCodes.ValidationFailed}: the body is not of a media type the operation takes.",
        [500] = $"{ErrorCodes.InternalError}: an unexpected failure; the answer carries no internal detail.",
        [503] = $"{ErrorCodes.ServiceUnavailable}: a store cannot answer in time, the audit record could not be made durable, or Blux is stopping.",
    };

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var anonymous = metadata.OfType<IAllowAnonymous>().Any();
        operation.Security = !anonymous
            ? [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ContractDocumentTransformer.BearerScheme, context.Document)] = [] }]
            : metadata.OfType<ApiBasicAuthentication>().Any()
                ? [new OpenApiSecurityRequirement(), new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ContractDocumentTransformer.BasicScheme, context.Document)] = [] }]
                : [];

        foreach (var parameter in metadata.OfType<ApiParameter>())
        {
            AddOrReplace(operation, ToOpenApi(parameter));
        }

        foreach (var parameter in operation.Parameters?.OfType<OpenApiParameter>().Where(p => p.In == ParameterLocation.Path) ?? [])
        {
            parameter.Description ??= "The identifier, as Blux gave it (or the client chose it, for a task).";
        }

        if (metadata.OfType<ApiTextBody>().FirstOrDefault() is { } text)
        {
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Description = text.Description,
                Content = new Dictionary<string, OpenApiMediaType> { [text.MediaType] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.String } } },
            };
        }

        AddExamples(operation, metadata.OfType<ApiExample>().ToArray());
        AddErrors(operation, context, anonymous);
        return Task.CompletedTask;
    }

    /// <summary>
    /// A request record bound with <c>[AsParameters]</c> takes its parameters as text (so that its validator
    /// names a bad one); ASP.NET describes them as plain strings, and the declared one takes that place.
    /// </summary>
    private static void AddOrReplace(OpenApiOperation operation, OpenApiParameter declared)
    {
        operation.Parameters ??= [];
        var inferred = operation.Parameters.ToList().FindIndex(p => p.In == declared.In && string.Equals(p.Name, declared.Name, StringComparison.OrdinalIgnoreCase));
        if (inferred < 0)
        {
            operation.Parameters.Add(declared);
        }
        else
        {
            operation.Parameters[inferred] = declared;
        }
    }

    private static OpenApiParameter ToOpenApi(ApiParameter parameter)
    {
        var schema = new OpenApiSchema
        {
            Type = parameter.Type == ApiParameterType.Integer ? JsonSchemaType.Integer : JsonSchemaType.String,
            Format = parameter.Format ?? (parameter.Type == ApiParameterType.Integer ? "int64" : null),
            Minimum = parameter.Minimum?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Maximum = parameter.Maximum?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Default = parameter.Default is null ? null : JsonValue.Create(parameter.Default),
        };
        if (parameter.AllowedValues is { } values)
        {
            schema.Enum = values.Select(v => (JsonNode)JsonValue.Create(v)).ToList();
        }

        return new OpenApiParameter
        {
            Name = parameter.Name,
            In = parameter.In == ApiParameterLocation.Header ? ParameterLocation.Header : ParameterLocation.Query,
            Description = parameter.Description,
            Required = false,
            Schema = schema,
            Example = parameter.Example is null ? null : JsonValue.Create(parameter.Example),
        };
    }

    private static void AddExamples(OpenApiOperation operation, IReadOnlyList<ApiExample> examples)
    {
        foreach (var example in examples)
        {
            var content = example.Status is { } status
                ? operation.Responses is { } responses && responses.TryGetValue(status.ToString(System.Globalization.CultureInfo.InvariantCulture), out var response) ? response.Content : null
                : operation.RequestBody?.Content;
            if (content is null || !content.TryGetValue(Json, out var media) || media is not OpenApiMediaType target)
            {
                throw new InvalidOperationException($"Example {example.Name} of {operation.OperationId} has no {Json} body to go with.");
            }

            target.Examples ??= new Dictionary<string, IOpenApiExample>();
            target.Examples[example.Name] = new OpenApiExample { Summary = example.Summary, Value = JsonNode.Parse(example.Json) };
        }
    }

    private static void AddErrors(OpenApiOperation operation, OpenApiOperationTransformerContext context, bool anonymous)
    {
        var description = context.Description;
        var statuses = new SortedSet<int> { 400, 500 };
        if (!anonymous)
        {
            statuses.UnionWith([401, 403, 503]);
        }

        if (description.ParameterDescriptions.Any(p => p.Source.Id == "Path") || operation.Parameters?.Any(p => p.In == ParameterLocation.Path) == true)
        {
            statuses.Add(404);
        }

        if (operation.RequestBody is not null)
        {
            statuses.Add(413);
        }

        // Accepts metadata lets routing refuse another media type (415) before the endpoint runs.
        if (context.Description.ActionDescriptor.EndpointMetadata.OfType<Microsoft.AspNetCore.Http.Metadata.IAcceptsMetadata>().Any())
        {
            statuses.Add(415);
        }

        operation.Responses ??= [];
        statuses.UnionWith(operation.Responses.Keys.Select(k => int.TryParse(k, out var s) ? s : 0).Where(s => s >= 400));
        foreach (var status in statuses)
        {
            operation.Responses[status.ToString(System.Globalization.CultureInfo.InvariantCulture)] = new OpenApiResponse
            {
                Description = ErrorDescriptions.GetValueOrDefault(status, "An error, in the envelope."),
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    [Json] = new() { Schema = new OpenApiSchemaReference(nameof(ErrorEnvelope), context.Document) },
                },
            };
        }
    }
}

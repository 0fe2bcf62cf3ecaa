namespace Blux.SharedKernel.Api;

/// <summary>
/// A query or header parameter that an endpoint reads from the request itself, declared as endpoint
/// metadata so that the OpenAPI document lists it with its type, range and default. The endpoint keeps
/// reading the raw value, so a bad one is still answered with the envelope naming the parameter.
/// </summary>
public sealed record ApiParameter(string Name, string Description)
{
    public ApiParameterLocation In { get; init; } = ApiParameterLocation.Query;

    public ApiParameterType Type { get; init; } = ApiParameterType.String;

    public long? Minimum { get; init; }

    public long? Maximum { get; init; }

    /// <summary>The value used when the parameter is left out, in the parameter's type.</summary>
    public object? Default { get; init; }

    /// <summary>An OpenAPI format, such as <c>date-time</c>.</summary>
    public string? Format { get; init; }

    /// <summary>The closed set of values, when there is one.</summary>
    public IReadOnlyList<string>? AllowedValues { get; init; }

    public string? Example { get; init; }
}

public enum ApiParameterLocation
{
    Query,
    Header,
}

public enum ApiParameterType
{
    String,
    Integer,
}

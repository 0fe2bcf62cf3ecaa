namespace Blux.SharedKernel.Api;

/// <summary>
/// A query or header parameter, declared as endpoint metadata so that the OpenAPI document lists it with
/// its type, range and default. The endpoint (or its request record) reads the raw text, so a bad value
/// is still answered with the envelope naming the parameter; the declaration replaces the plain string
/// that ASP.NET infers for a parameter of the same name.
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

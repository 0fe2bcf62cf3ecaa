namespace Blux.SharedKernel.Api;

/// <summary>
/// An example body for the OpenAPI document, taken from a real run: the request body when
/// <see cref="Status"/> is null, else the answer with that status. The first request example is the
/// one Swagger UI fills in, so it must be a request Blux accepts.
/// </summary>
public sealed record ApiExample(string Name, string Summary, string Json, int? Status = null);

namespace Blux.SharedKernel.Api;

/// <summary>
/// A request body an endpoint reads itself as text of one media type (a CSV dataset). Declared as
/// metadata rather than with <c>Accepts</c>, which would let routing refuse other media types before
/// the endpoint can answer them with the envelope naming the field.
/// </summary>
public sealed record ApiTextBody(string MediaType, string Description);

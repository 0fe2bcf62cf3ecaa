namespace Blux.Modules.Lite.Routes;

/// <summary>One request of a delivery: a POST of the body, or after a 303 a GET without one.</summary>
internal sealed record WebhookHop(Uri Url, bool WithBody)
{
    public HttpMethod Method => WithBody ? HttpMethod.Post : HttpMethod.Get;
}

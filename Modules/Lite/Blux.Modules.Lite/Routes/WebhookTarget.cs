namespace Blux.Modules.Lite.Routes;

/// <summary>
/// A named, allow-listed webhook target from <c>Blux:Lite:Webhooks:Targets:&lt;name&gt;</c>. With
/// <see cref="FollowRedirects"/> its redirects are followed, but only to its own origin.
/// </summary>
internal sealed record WebhookTarget(string Name, Uri Url, bool FollowRedirects = false);

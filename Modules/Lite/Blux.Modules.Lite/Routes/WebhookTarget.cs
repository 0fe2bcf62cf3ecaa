namespace Blux.Modules.Lite.Routes;

/// <summary>A named, allow-listed webhook target from <c>Blux:Lite:Webhooks:&lt;name&gt;</c>.</summary>
internal sealed record WebhookTarget(string Name, Uri Url);

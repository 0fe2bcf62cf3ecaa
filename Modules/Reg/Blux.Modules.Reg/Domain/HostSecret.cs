namespace Blux.Modules.Reg.Domain;

/// <summary>A symmetric secret of the host (the event HMAC key), encrypted under the master key.</summary>
internal sealed class HostSecret
{
    public const string EventSigningKey = "event_signing";

    public required string Name { get; init; }

    public required byte[] EncryptedValue { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }
}

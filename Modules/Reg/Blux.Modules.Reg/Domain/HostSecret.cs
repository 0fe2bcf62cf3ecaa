namespace Blux.Modules.Reg.Domain;

/// <summary>A symmetric secret of the host (the event HMAC key), encrypted under the master key; never changed once written.</summary>
internal sealed record HostSecret(string Name, byte[] EncryptedValue, DateTimeOffset CreatedAt)
{
    public const string EventSigningKey = "event_signing";
}

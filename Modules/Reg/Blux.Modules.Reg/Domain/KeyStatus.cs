namespace Blux.Modules.Reg.Domain;

internal static class KeyStatus
{
    public const string Pending = "pending";
    public const string Active = "active";
    public const string Retired = "retired";
    public const string Revoked = "revoked";
}

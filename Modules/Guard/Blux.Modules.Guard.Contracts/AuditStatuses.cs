namespace Blux.Modules.Guard.Contracts;

public static class AuditStatuses
{
    public const string Success = "success";
    public const string Failure = "failure";
    public const string Denied = "denied";
}

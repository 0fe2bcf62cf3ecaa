namespace Blux.SharedKernel.Identity;

/// <summary>The scopes of docs/contract.md#authentication-and-scopes.</summary>
public static class Scopes
{
    public const string TasksRead = "tasks:read";

    /// <summary>Widens <see cref="TasksRead"/> from the caller's own tasks to every identity's.</summary>
    public const string TasksReadAll = "tasks:read_all";
    public const string TasksWrite = "tasks:write";
    public const string TasksApprove = "tasks:approve";
    public const string AuditRead = "audit:read";
    public const string AuditWrite = "audit:write";
    public const string PoliciesRead = "policies:read";
    public const string PoliciesWrite = "policies:write";
    public const string IdentitiesRead = "identities:read";
    public const string IdentitiesWrite = "identities:write";
    public const string KeysRotate = "keys:rotate";
    public const string DataRead = "data:read";
    public const string DataWrite = "data:write";

    public static readonly IReadOnlyList<string> All =
    [
        TasksRead, TasksReadAll, TasksWrite, TasksApprove, AuditRead, AuditWrite, PoliciesRead, PoliciesWrite,
        IdentitiesRead, IdentitiesWrite, KeysRotate, DataRead, DataWrite,
    ];

    /// <summary>The name of the authorization policy that requires a scope.</summary>
    public static string Policy(string scope) => "scope:" + scope;
}

namespace Blux.SharedKernel;

/// <summary>Prefixed, time-ordered identifiers (<c>task_…</c>, <c>aud_…</c>, <c>evt_…</c>, <c>key_…</c>, <c>chk_…</c>, <c>sto_…</c>, <c>ins_…</c>).</summary>
public static class BluxId
{
    public const string Task = "task";
    public const string Audit = "aud";
    public const string AuditError = "aud_err";
    public const string Event = "evt";
    public const string Key = "key";
    public const string Checkpoint = "chk";
    public const string Decision = "dec";
    public const string Store = "sto";
    public const string Installation = "ins";

    /// <summary>A UUIDv7 carries its creation time in its leading bits, so ids sort by creation.</summary>
    public static string New(string prefix, TimeProvider? clock = null)
    {
        var now = (clock ?? TimeProvider.System).GetUtcNow();
        return prefix + "_" + Guid.CreateVersion7(now).ToString("N");
    }
}

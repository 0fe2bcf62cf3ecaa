namespace Blux.Modules.Guard.Audit;

/// <summary>What a revoked audit key signed before its revocation, within a verified range: valid, and flagged.</summary>
internal sealed record RevokedKeyUse(string KeyId, DateTimeOffset RevokedAt, long Records, int Checkpoints, long? FirstSeq, long? LastSeq);

namespace Blux.Modules.Reg.Domain;

/// <summary>
/// Where a signing key is in its life. Stored and shown by its <see cref="SharedKernel.Vocabulary.WireName{TEnum}"/>
/// (<c>pending</c>, <c>active</c>, <c>retired</c>, <c>revoked</c>); a stored text that names none of them fails the read.
/// </summary>
internal enum KeyStatus
{
    /// <summary>Published, and signs from its <c>valid_after</c> on.</summary>
    Pending,

    /// <summary>The key of its type that signs now.</summary>
    Active,

    /// <summary>Replaced: it signs no more, and its signatures verify (tokens until retirement + TTL).</summary>
    Retired,

    /// <summary>Withdrawn: it neither signs nor verifies, except as the record of an audit chain it signed before.</summary>
    Revoked,
}

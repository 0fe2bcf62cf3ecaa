namespace Blux.Modules.Reg.Domain;

/// <summary>
/// Whether an identity may act; stored and shown by its wire name (<c>active</c>, <c>disabled</c>).
/// Only <see cref="Active"/> grants anything: a stored text that names neither member fails the read.
/// </summary>
internal enum IdentityStatus
{
    /// <summary>May obtain tokens, and its tokens are accepted.</summary>
    Active,

    /// <summary>Gets no token and registers no key; its tokens are refused from the moment it is disabled.</summary>
    Disabled,
}

namespace Blux.Modules.Reg.Domain;

/// <summary>What an identity stands for; shown, stored and put in its tokens by its wire name (<c>user</c>, <c>service</c>).</summary>
internal enum IdentityKind
{
    /// <summary>A person, signing in from a client such as the CLI or the Commander.</summary>
    User,

    /// <summary>A program acting on its own; services spend their own rate-limit budget.</summary>
    Service,
}

using System.Diagnostics.CodeAnalysis;
using Blux.Modules.Guard.Contracts;
using Blux.SharedKernel.Identity;

namespace Blux.Modules.Guard.Doctrine;

/// <summary>
/// What makes a doctrine meaningful beyond its JSON shape: known effects and scopes, unique rule ids,
/// an admin who can still change it. Checked for every doctrine, shipped or sent; an audit level is read
/// as an <see cref="SharedKernel.Events.AuditLevel"/>, so an unknown one is refused before this.
/// </summary>
internal static class DoctrineRules
{
    private static readonly string[] Effects = [ValidationDecision.Allow, ValidationDecision.Deny, ValidationDecision.RequireApproval];

    public static void Check(DoctrineDocument document)
    {
        Require(document.DoctrineVersion >= 1, "doctrine_version", "invalid_value", "doctrine_version must be a positive integer.");
        Require(Effects.Contains(document.DefaultEffect), "default_effect", "unknown_value", "default_effect must be allow, deny or require_approval.");
        Require(document.KeyRotationDays >= 1, "key_rotation_days", "invalid_value", "key_rotation_days must be at least 1.");
        Require(document.Constraints.MaxMemoryMb > 0, "constraints.max_memory_mb", "invalid_value", "max_memory_mb must be positive.");
        foreach (var (role, scopes) in document.Roles)
        {
            Require(scopes is not null, $"roles.{role}", "missing_field", $"Role {role} needs a list of scopes.");
            var unknown = scopes.Where(s => !Scopes.All.Contains(s)).ToArray();
            Require(unknown.Length == 0, $"roles.{role}", "unknown_scope", $"Role {role} names unknown scopes: {string.Join(", ", unknown)}.");
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < document.Rules.Count; i++)
        {
            var rule = document.Rules[i];
            Require(rule is not null, $"rules[{i}]", "missing_field", "A rule cannot be null.");
            Require(!string.IsNullOrWhiteSpace(rule.Id), $"rules[{i}].id", "missing_field", "Every rule needs an id.");
            Require(ids.Add(rule.Id), $"rules[{i}].id", "duplicate", $"Rule id {rule.Id} is used twice.");
            Require(Effects.Contains(rule.Effect), $"rules[{i}].effect", "unknown_value", "effect must be allow, deny or require_approval.");
        }
    }

    /// <summary>A doctrine that replaces the one in force must not lock everyone out of changing it again.</summary>
    public static void CheckReplacement(DoctrineDocument document) =>
        Require(document.Roles.TryGetValue("admin", out var adminScopes) && adminScopes.Contains(Scopes.PoliciesWrite),
            "roles.admin", "lockout", "The admin role must keep policies:write, or no one could change the doctrine again.");

    private static void Require([DoesNotReturnIf(false)] bool condition, string field, string issue, string message)
    {
        if (!condition)
        {
            throw new DoctrineFormatException(field, issue, message);
        }
    }
}

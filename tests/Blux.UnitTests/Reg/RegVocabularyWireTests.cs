using System.ComponentModel.DataAnnotations;
using System.Reflection;
using Blux.Modules.Reg.Domain;
using Blux.Modules.Reg.Features.CreateIdentity;
using Blux.Modules.Reg.Features.DisableIdentity;
using Blux.Modules.Reg.Features.GetIdentity;
using Blux.Modules.Reg.Features.RotateKey;
using Blux.Modules.Reg.Features.ValidateIdentityToken;
using Blux.Modules.Reg.Keys;
using Blux.SharedKernel.Vocabulary;

namespace Blux.UnitTests.Reg;

/// <summary>
/// Reg's answers and request bodies list a vocabulary's members in <see cref="AllowedValuesAttribute"/>s
/// (the OpenAPI document and the request validation read them), which can only hold constants: each such
/// list must be exactly the wire names of its enum, so a member added to one is not missing from the other.
/// </summary>
public sealed class RegVocabularyWireTests
{
    private static readonly Dictionary<(Type Type, string Property), IReadOnlyList<string>> Lists = new()
    {
        [(typeof(KeyView), nameof(KeyView.Status))] = WireName<KeyStatus>.All,
        [(typeof(KeyView), nameof(KeyView.KeyType))] = KeyLifecycle.KeyTypes,
        [(typeof(RotateKeyEndpoint.RotateKeyBody), nameof(RotateKeyEndpoint.RotateKeyBody.KeyType))] = KeyLifecycle.KeyTypes,
        [(typeof(IdentityView), nameof(IdentityView.Kind))] = WireName<IdentityKind>.All,
        [(typeof(IdentityView), nameof(IdentityView.Status))] = WireName<IdentityStatus>.All,
        [(typeof(CreatedIdentity), nameof(CreatedIdentity.Kind))] = WireName<IdentityKind>.All,
        [(typeof(CreatedIdentity), nameof(CreatedIdentity.Status))] = WireName<IdentityStatus>.All,
        [(typeof(CreateIdentityEndpoint.CreateIdentityBody), nameof(CreateIdentityEndpoint.CreateIdentityBody.Kind))] = WireName<IdentityKind>.All,
        [(typeof(DisabledIdentity), nameof(DisabledIdentity.Status))] = WireName<IdentityStatus>.All,
        [(typeof(DisabledIdentity), nameof(DisabledIdentity.PreviousStatus))] = WireName<IdentityStatus>.All,
        [(typeof(TokenIdentity), nameof(TokenIdentity.Kind))] = WireName<IdentityKind>.All,
    };

    [Fact]
    public void Every_listed_vocabulary_is_exactly_its_enums_wire_names()
    {
        foreach (var ((type, property), expected) in Lists)
        {
            Allowed(type.GetProperty(property)!).Should().Equal(expected, $"{type.Name}.{property}");
        }
    }

    [Fact]
    public void Every_list_of_more_than_one_value_in_Reg_is_checked_here()
    {
        // One-value lists are protocol constants (grant_type client_credentials, token_type Bearer), not vocabularies.
        var found = typeof(KeyView).Assembly.GetTypes()
            .SelectMany(type => type.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly).Select(property => (type, property)))
            .Where(pair => pair.property.GetCustomAttribute<AllowedValuesAttribute>() is { Values.Length: > 1 })
            .Select(pair => (pair.type, pair.property.Name))
            .ToArray();

        found.Should().BeEquivalentTo(Lists.Keys);
    }

    [Fact]
    public void The_wire_names_are_the_ones_clients_and_stores_already_hold()
    {
        WireName<KeyStatus>.All.Should().Equal("pending", "active", "retired", "revoked");
        WireName<IdentityKind>.All.Should().Equal("user", "service");
        WireName<IdentityStatus>.All.Should().Equal("active", "disabled");
    }

    private static string?[] Allowed(PropertyInfo property) =>
        property.GetCustomAttribute<AllowedValuesAttribute>()!.Values.Select(v => (string?)v).ToArray();
}

using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Json;
using Blux.SharedKernel.Events;
using Blux.SharedKernel.Json;
using Blux.SharedKernel.Vocabulary;

namespace Blux.UnitTests.Vocabulary;

/// <summary>
/// The audit level is an enum ordered from least to most kept, named on the wire as before; every
/// request field that takes one lists exactly those names.
/// </summary>
public sealed class AuditLevelTests
{
    [Fact]
    public void The_levels_are_named_and_ordered_from_least_to_most_kept()
    {
        WireName<AuditLevel>.All.Should().Equal("none", "basic", "detailed", "verbose");
        Enum.GetValues<AuditLevel>().Should().BeInAscendingOrder().And.Equal(AuditLevel.None, AuditLevel.Basic, AuditLevel.Detailed, AuditLevel.Verbose);
    }

    [Fact]
    public void Doctrine_requirements_keep_their_json()
    {
        const string Json = "{\"require_reflection\":true,\"sandbox_execution\":false,\"audit_level\":\"detailed\"}";

        BluxJson.Deserialize<DoctrineRequirements>(Json).Should().Be(new DoctrineRequirements(true, false, AuditLevel.Detailed));
        BluxJson.Serialize(new DoctrineRequirements(true, false, AuditLevel.Detailed)).Should().Be(Json);
    }

    [Theory]
    [InlineData("\"everything\"", true)]
    [InlineData("\"Detailed\"", true)]
    [InlineData("\" basic\"", true)]
    [InlineData("2", false)]
    [InlineData("null", false)]
    [InlineData("true", false)]
    [InlineData("{}", false)]
    public void A_stored_level_Blux_never_wrote_is_refused(string level, bool unknownName)
    {
        var read = () => BluxJson.Deserialize<DoctrineRequirements>("{\"require_reflection\":true,\"sandbox_execution\":false,\"audit_level\":" + level + "}");

        var thrown = read.Should().Throw<JsonException>().Which;
        (thrown.InnerException is FormatException).Should().Be(unknownName, "only a string that is not a level's name is an unknown value; anything else is the wrong type");
        thrown.Path.Should().Be("$.audit_level");
    }

    [Fact]
    public void A_value_outside_the_enum_is_never_written() =>
        FluentActions.Invoking(() => BluxJson.Serialize(new DoctrineRequirements(false, false, (AuditLevel)4))).Should().Throw<ArgumentOutOfRangeException>();

    [Fact]
    public void Every_request_field_that_takes_an_audit_level_allows_exactly_its_names()
    {
        var fields = new[] { "Blux.Modules.Guard", "Blux.Modules.Lite" }
            .SelectMany(name => Assembly.Load(name).GetTypes())
            .SelectMany(type => type.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Where(property => property.Name == nameof(AuditLevel) && property.PropertyType == typeof(string))
            .ToList();

        fields.Select(f => f.DeclaringType!.Name).Should().Contain(["DryRunRequirements", "RecordAuditBody", "TaskRequirementsBody", "TaskRequirementsView"]);
        foreach (var field in fields)
        {
            var allowed = field.GetCustomAttribute<AllowedValuesAttribute>();
            allowed.Should().NotBeNull($"{field.DeclaringType!.Name}.{field.Name} is documented as a closed set");
            allowed!.Values.Should().Equal(WireName<AuditLevel>.All, $"{field.DeclaringType!.Name}.{field.Name} lists the audit levels");
        }
    }
}

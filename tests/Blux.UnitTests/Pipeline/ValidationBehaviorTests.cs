using Blux.Modules.Ca.Contracts;
using Blux.SharedKernel.Pipeline;

namespace Blux.UnitTests.Pipeline;

public sealed class ValidationBehaviorTests
{
    [Theory]
    [InlineData("Context.Environment", "context.environment")]
    [InlineData("DoctrineRequirements.AuditLevel", "doctrine_requirements.audit_level")]
    [InlineData("TaskId", "task_id")]
    [InlineData("Type", "type")]
    [InlineData("Payload.DataReferences[0]", "payload.data_references[0]")]
    [InlineData("Items[12].ValueKind", "items[12].value_kind")]
    [InlineData("already_snake", "already_snake")]
    public void FieldName_writes_property_paths_as_the_client_wrote_them(string propertyName, string expected)
    {
        ValidationBehavior<Reflect, Reflection>.FieldName(propertyName).Should().Be(expected);
    }
}

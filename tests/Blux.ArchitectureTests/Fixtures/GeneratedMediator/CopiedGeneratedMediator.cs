using System.CodeDom.Compiler;

namespace Blux.ArchitectureTests.Fixtures.GeneratedMediator;

/// <summary>Breaks rule 4: stamped as Mediator.SourceGenerator output, as it would be in a project referencing the generator.</summary>
[GeneratedCode("Mediator.SourceGenerator", "3.0.2")]
internal sealed class CopiedGeneratedMediator;

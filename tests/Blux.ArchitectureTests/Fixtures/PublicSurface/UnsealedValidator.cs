using Blux.Modules.Lite.Contracts;
using FluentValidation;

namespace Blux.ArchitectureTests.Fixtures.PublicSurface;

/// <summary>Breaks rule 5: an internal validator that is not sealed.</summary>
internal class UnsealedValidator : AbstractValidator<GetTaskSummary>;

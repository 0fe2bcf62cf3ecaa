using Mediator;

namespace Blux.Modules.Guard.Contracts;

/// <summary>The version and digest of the doctrine in force, and the settings other modules apply.</summary>
public sealed record GetDoctrineSummary : IRequest<DoctrineSummary>;

/// <param name="RequireIndependentApproval">The doctrine flag <c>require_independent_approval</c>.</param>
public sealed record DoctrineSummary(long DoctrineVersion, string Digest, int KeyRotationDays, bool RequireIndependentApproval);

using Mediator;

namespace Blux.Modules.Guard.Contracts;

/// <summary>The version and digest of the doctrine in force.</summary>
public sealed record GetDoctrineSummary : IRequest<DoctrineSummary>;

public sealed record DoctrineSummary(long DoctrineVersion, string Digest, int KeyRotationDays);

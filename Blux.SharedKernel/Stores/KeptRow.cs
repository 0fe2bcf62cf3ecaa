namespace Blux.SharedKernel.Stores;

/// <summary>
/// A table whose rows are never deleted, as a <see cref="NewestRowsStore"/> marks it: the newest row's
/// <paramref name="IdColumn"/> (by rowid, among the rows <paramref name="Filter"/> keeps) goes into the
/// mark under <paramref name="MarkKey"/>. <paramref name="Noun"/> names a row in the refusal, and
/// <paramref name="Loss"/> says what its absence means.
/// </summary>
public sealed record KeptRow(string MarkKey, string Table, string IdColumn, string Noun, string Loss, string? Filter = null);

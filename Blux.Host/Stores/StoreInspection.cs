namespace Blux.Host.Stores;

/// <summary>What a store file turned out to be, before any module opened it.</summary>
internal enum StoreState
{
    Missing,
    Empty,
    Unreadable,
    NotSqlite,
    Truncated,
    Malformed,
    NoTables,
    Foreign,
    EarlierBlux,
    Blux,
}

/// <summary>The state of one store file, why (in words), and its identity when it has one.</summary>
internal sealed record StoreInspection(StoreState State, string Detail, StoreIdentity? Identity = null)
{
    /// <summary>Nothing there to keep: a new store may take its place on a first start.</summary>
    public bool IsAbsent => State is StoreState.Missing or StoreState.Empty;

    /// <summary>A store of this module Blux can open and keep, if an operator accepts it as it is.</summary>
    public bool IsUsable => State is StoreState.Blux or StoreState.EarlierBlux;
}

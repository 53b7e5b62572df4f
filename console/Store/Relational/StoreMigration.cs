namespace Monitor.Control.Store.Relational;

/// <summary>One schema step. Versions start at 1 and increase by one; a step runs once per database.</summary>
public sealed record StoreMigration(int Version, string Name, string Sql);

namespace Monitor.Control.Store.Relational;

/// <summary>The action table's columns, in the order <see cref="RowReaders.ReadAction"/> expects them.</summary>
internal static class ActionColumns
{
    public const string Select =
        "id, started, ended, user_name, type, server, stack, target, parameters, success, output, error, result";
}

namespace Monitor.LogWriter;

/// <summary>Entry levels, written upper-case (TRACE ... FATAL).</summary>
public enum LogLevel { Trace, Debug, Info, Warn, Error, Fatal }

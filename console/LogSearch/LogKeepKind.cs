namespace Monitor.Control.LogSearch;

public enum LogKeepKind { Container, App, LogFile, Stack }

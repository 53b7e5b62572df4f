namespace Monitor.Control.Alerts;

public enum AlertSeverity { Warning = 1, Critical = 2 }

// Entry point of monitor-agent. Filled in by the agent's Hosting/ folder.
return 0;

using ModelRunner.Cli;

return CliApp.Run(args, Console.Out, Console.Error, CliApp.ProcessEnvironment());

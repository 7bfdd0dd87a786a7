using PandaMcp.CatalogGenerator;

return GeneratorCommand.Run(args, Console.Out, Console.Error);

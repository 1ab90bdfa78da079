using EvoDsl.Generated;
using EvoDsl.Hosting;

return EvoDslHost.Run(args, ExperimentCatalog.All);

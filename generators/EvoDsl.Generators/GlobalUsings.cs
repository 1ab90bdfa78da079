// What every file of the generator uses; a learning system's module (Systems/) needs nothing more.
global using System;
global using System.Collections.Generic;
global using System.Linq;
global using EvoDsl.Generators.Emitting;
global using EvoDsl.Generators.Model;
global using EvoDsl.Generators.Parsing;
global using Microsoft.CodeAnalysis;

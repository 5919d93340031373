System.Console.WriteLine("symbiosis");

module gopitfall/tools/oracle

go 1.19

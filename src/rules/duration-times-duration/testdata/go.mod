module example.com/durationtimesduration

go 1.21

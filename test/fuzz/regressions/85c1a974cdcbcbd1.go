paô€€ckage p
